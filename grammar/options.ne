# TCP options (FORMAT.md section 6.9): `, options [` items separated by `,` `]`. An item may
# carry a `[len N]` suffix. A capture that ends inside the options prints ` [|tcp]` (4.99.3
# adds a stray `>`); a malformed option prints `[bad opt]`; either ends the line.
#
# Items of a fixed shape are single tokens (lexer.ts): `mss N`, `wscale N`, `TS val N ecr N`,
# `sack N {a:b}...`, the md5 texts, `uto 0xH N`, `[exp-]tfo ...`, `tcp-ao ...`, `scps ...`,
# `echo N` and the other obsolete ones, `exp-HHHH`, `unknown-K [0xH]`; with the words `nop`,
# `eol`, `sackOK` and a bare number (4.99's nameless CC.ECHO) they make `%fixedOption`
# (matchers.ts), one test per item instead of one parser state per kind.

@lexer lexer

options -> %optionsOpen optionList "]"              {% take({ 0: "options" }) %}

optionList -> optionItem | optionList "," optionItem

optionItem ->
    option                                          {% startLeaf("option") %}
  | option %lenNote                                 {% startLeaf("option") %}

# Multipath TCP: `mptcp LEN SUBTYPE ...` (no LEN before 4.99.2), words, numbers, addresses,
# `flags [..]` and `{..}` groups whose commas are inside the token.
option -> %fixedOption | "mptcp" %itemToken:*

# The list as far as it was printed: the last whole item or a comma, then the cut.
optionsCut ->
    cutItem
  | optionList %truncTcp %gt:?                      {% take({ 1: "truncated" }) %}
  | optionList "," cutItem

cutItem ->
    %truncTcp %gt:?                                 {% take({ 0: "truncated" }) %}
  | valueMissing %truncTcp %gt:?                    {% take({ 1: "truncated" }) %}
  | badOptionItem "]":?

# The name of an option whose value was not captured (`TS [|tcp]`).
valueMissing -> %optionName                         {% startLeaf("option") %}

# `[bad opt]` alone, or glued to the name (and start) of the malformed option: `scps[bad opt]`.
badOptionItem ->
    %badOpt                                         {% startLeaf("option") %}
  | (%optionName | %unknownOption | "mptcp" %itemToken:*) %badOpt   {% startLeaf("option") %}
