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
  # Raw IP (`ip: `); PPP (`IP (0x0021), length 177: `).
  | "ip" ":"
  | %word "(" %hex ")" %length ":"                     {% take({ 0: "linkType", 4: "linkLength" }) %}
  # Juniper captures: direction, with -ee `hlen N, proto 0xHHHH, `, then the Ethernet header.
  | sllDirection ("hlen" %num "," "proto" %hex ","):? ethernet

# SRC > DST, ethertype T (0xHHHH), length N:  -- `IPv4,` instead of the ethertype with -q;
# 802.1Q tags continue after the colon as `vlan N, p N[, DEI], ethertype T (0xHHHH),`.
ethernet ->
    macAddress ">" macAddress "," linkTypeLength vlanTag:*      {% take({ 0: "linkSrc", 2: "linkDst" }) %}
  | macAddress ">" macAddress "," %word %length ":"             {% take({ 0: "linkSrc", 2: "linkDst", 4: "linkType", 5: "linkLength" }) %}

# Without -n a MAC gets its vendor, `(oui ...)`, or is replaced by its ethers name (`Broadcast`).
macAddress -> %mac %oui:? | %word | %dotted

linkTypeLength -> %ethertype %length ":"               {% take({ 0: "linkType", 1: "linkLength" }) %}

vlanTag -> %vlan "," %ethertype ","                    {% take({ 0: "vlan", 2: "linkType" }) %}

# LINUX_SLL v1 packet type, right-justified (` In`, `Out`, `  B`, `  M`, `  P`).
sllDirection -> ("In" | "Out" | "B" | "M" | "P")       {% take({ 0: "sllDir" }) %}

# ARCNET: source and destination bytes, type, length (`50 be 06 242:`, `be 50 oldip 245:`).
arcnet -> hexByte hexByte (%num | %word) %num ":"      {% take({ 3: "linkLength" }) %}

hexByte -> %num | %word
