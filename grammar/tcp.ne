# The TCP part (FORMAT.md sections 6 and 7): endpoints, then flags and fields up to
# `length N` and an opaque payload summary; or quiet mode's `tcp N`; or a truncation marker.

@lexer lexer

tcpPart ->
    endpoint ">" endpoint afterPorts                {% take({ 0: "srcHostPort", 2: "dstHostPort" }) %}
  | host ">" host ":" %truncTcp                     {% take({ 0: "srcHost", 2: "dstHost", 4: "truncated" }) %}

# Ports only: the IPv6 extension-header and IPv4 AH printers already showed the addresses.
portsTcpPart -> port ">" port afterPorts           {% take({ 0: "srcPort", 2: "dstPort" }) %}

endpoint -> %dotted | %ipv6
host -> %dotted | %ipv6 | %word
port -> %num | %word

# `:  ` (two spaces) is what tcpdump prints after a port pair when the header is cut short.
afterPorts ->
    ":" tcpBody
  | %colonGap %truncTcp                             {% take({ 1: "truncated" }) %}
  | %colonGap %quietTcp badHeaderLength             {% take({ 1: "len" }) %}

tcpBody ->
    %quietTcp badHeaderLength:?                     {% take({ 0: "len" }) %}
  | %tcpFlags badHeaderLength                       {% take({ 0: "flags" }) %}
  # `, [ack N != 0 while ACK flag not set]`, `, [urg N != 0 ...]`: 4.99.6+/5.x with -vv.
  | %tcpFlags %cksum:? %seq:? %ack:? %ackNote:? %win %urg:? %urgNote:? tcpTail
      {% take({ 0: "flags", 1: "cksum", 2: "seq", 3: "ack", 5: "win", 6: "urg" }) %}

badHeaderLength -> %badHdr %invalid:?               {% take({ 0: "truncated" }) %}

# Options cut short by the capture or by a malformed option end the line.
tcpTail ->
    options:? lengthAndPayload
  | %optionsOpen optionsCut                         {% take({ 0: "options" }) %}

lengthAndPayload -> %length payload:?               {% take({ 0: "len" }) %}

# Whatever follows `length N` (application summary, `[RST ...]`, `[|proto]`) is kept as text.
# (Explicit left recursion: nearley's `:+` copies its array at every token.)
payload -> %anyToken payloadRest                    {% startLeaf("payload") %}
payloadRest -> null | payloadRest %anyToken         {% nothing %}
