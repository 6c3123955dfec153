# Link-level headers printed with -e (FORMAT.md section 4), each ending where the network part
# begins. With -e the IP layer prints no `IP`/`IP6` keyword (ip.ne, `bareNet`).

@lexer lexer

linkHeader ->
    ethernet
  | sllDirection %mac:? %oui:? linkTypeLength          {% take({ 1: "linkSrc" }) %}
  | sllDirection %mac:? %oui:?                         {% take({ 1: "linkSrc" }) %}
  | %ifindex %mac:? %oui:? linkTypeLength              {% take({ 0: "ifindex", 1: "linkSrc" }) %}
  | %ifindex %mac:? %oui:?                             {% take({ 0: "ifindex", 1: "linkSrc" }) %}
  | %afType %length ":"                                {% take({ 0: "linkType", 1: "linkLength" }) %}
  | "IPOIB" "," linkTypeLength
  | arcnet

# SRC > DST, ethertype T (0xHHHH), length N:  -- `(oui ...)` without -n; `IPv4,` with -q;
# 802.1Q tags continue after the colon as `vlan N, p N[, DEI], ethertype T (0xHHHH),`.
ethernet ->
    %mac %oui:? ">" %mac %oui:? "," linkTypeLength vlanTag:*   {% take({ 0: "linkSrc", 3: "linkDst" }) %}
  | %mac %oui:? ">" %mac %oui:? "," %word %length ":"          {% take({ 0: "linkSrc", 3: "linkDst", 6: "linkType", 7: "linkLength" }) %}

linkTypeLength -> %ethertype %length ":"               {% take({ 0: "linkType", 1: "linkLength" }) %}

vlanTag -> %vlan "," %ethertype ","                    {% take({ 0: "vlan", 2: "linkType" }) %}

# LINUX_SLL v1 packet type, right-justified (` In`, `Out`, `  B`, `  M`, `  P`).
sllDirection -> ("In" | "Out" | "B" | "M" | "P")       {% take({ 0: "sllDir" }) %}

# ARCNET: source and destination bytes, type, length (`50 be 06 242:`, `be 50 oldip 245:`).
arcnet -> hexByte hexByte (%num | %word) %num ":"      {% take({ 3: "linkLength" }) %}

hexByte -> %num | %word
