# The network part (FORMAT.md sections 5 and 9): `IP`/`IP6` with optional verbose header, or,
# after a -e link header, the same without the keyword; MPLS labels before it; tunnels
# (Geneve, GRE) whose inner packet follows on the same line.

@lexer lexer

frame ->
    %mpls:? netKeyword carried
  | linkHeader %mpls:? bareNet carried
  | carried

netKeyword ->
    "IP" ipv4Notes:? ipv4Header:?                  {% take({ 0: "net" }) %}
  | "IP6" ipv6Header:?                              {% take({ 0: "net" }) %}

# After -e: no keyword. Which header it is shows in the header itself.
bareNet ->
    null
  | ipv4Notes
  | ipv4Notes:? ipv4Header
  | ipv6Header

# Length problems printed between `IP ` and the header: 4.99.0-4.99.4, then 4.99.5+.
ipv4Notes -> %truncatedIp | %totalLengthNote %invalid

# (tos 0xTT[,ECN], ttl N, id N, offset N, flags [FL], proto P (N), length N[ NOTE][, options (..)][, bad cksum H (->H)!])
# `ttl N` is omitted when the TTL is 0. Each `, field` is one token (lexer.ts).
ipv4Header ->
    "(" %tos %ttl:? %idField %fragOffset %ipFlags %ipProto %length %lengthNote:? %ipOptions:? %ipBadCksum:? ")"
      {% take({ 1: "tos", 2: "ttl", 3: "ipId", 4: "ipOffset", 5: "ipFlags", 6: "ipProto", 7: "ipLength" }) %}

# ([class 0xCC, ][flowlabel 0xF, ]hlim N, next-header T (N) payload length: N)    -- up to 4.99.5
# ([class 0xCC, ][flowlabel 0xF, ]hlim N, next-header T (N), payload length N)    -- 4.99.6+, 5.x
ipv6Header -> "(" %ip6Class:? %flowlabel:? %hlim %nextHeader (%payloadLengthOld | %payloadLengthNew) ")" %realLengthNote:?
      {% take({ 1: "ip6Class", 2: "flowlabel", 3: "hlim", 5: "plen" }) %}

# What an IP layer carries here: the TCP part, IPv6 extension headers or IPv4 AH followed by
# a ports-only TCP part, or a tunnel whose inner packet starts a new frame.
carried ->
    tcpPart
  | host ">" host ":" extensionHeader:+ portsTcpPart   {% take({ 0: "srcHost", 2: "dstHost" }) %}
  | tunnel frame

extensionHeader -> "DSTOPT" %extOption:* | "HBH" %extOption:* | %ah ":"

tunnel ->
    endpoint ">" endpoint ":" %geneve ":"          {% startLeaf("tunnel") %}
  | host ">" host ":" %gre ":"                      {% startLeaf("tunnel") %}
