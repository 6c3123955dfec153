# Everything before the link or network part (FORMAT.md sections 3 and 4.3): the `-#` number,
# the timestamp in any -t form (micro or nano), and the LINUX_SLL2 interface + direction that
# tcpdump prints even without -e.

@lexer lexer

prefix -> %pktnum:? stamp:? %sll2:?     {% take({ 0: "number", 2: "sll2" }) %}

stamp -> stampText %tsNote:?            {% take({ 0: "time" }) %}

stampText -> %tsDate | %tsClock | %tsEpoch | %tsError
