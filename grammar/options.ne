# TCP options (FORMAT.md section 6.9): `, options [` items separated by `,` `]`. An item may
# carry a `[len N]` suffix. A capture that ends inside the options prints ` [|tcp]` (4.99.3
# adds a stray `>`); a malformed option prints `[bad opt]`; either ends the line.

@lexer lexer

options -> "," %optionsOpen optionList "]"          {% take({ 1: "options" }) %}

optionList -> optionItem | optionList "," optionItem

optionItem -> option %lenNote:?                     {% startLeaf("option") %}

optionsCut ->
    (optionList ","):? partialItem:? %truncTcp %gt:?        {% take({ 2: "truncated" }) %}
  | (optionList ","):? badOptionItem "]":?

# An item cut short: a whole item, or only the name of one whose value was not captured.
partialItem -> optionItem | ("TS" | "mss" | "wscale" | "uto" | "tcp-ao" | "scps") {% startLeaf("option") %}

# `[bad opt]` alone, or glued to the name (and start) of the malformed option: `scps[bad opt]`.
badOptionItem -> %itemToken:* %badOpt              {% startLeaf("option") %}

option ->
    "nop" | "eol" | "sackOK" | %mss | %wscale | %tsOption | %expOption
  | "sack" %num %sackBlock:* | "sack" "invalid" "sack"
  | "md5" md5Value
  | "uto" %hex %num
  | "mptcp" %itemToken:*
  | ("tfo" | "exp-tfo") ("cookiereq" | "cookie" hexDigits | %invalid)
  | "tcp-ao" ("keyid" %num "rnextkeyid" %num "mac" %hex | %invalid)
  | "scps" "cap" hexDigits %idField
  | ("echo" | "echoreply" | "cc" | "ccnew" | "ccecho") %num
  | %num
  | %unknownOption %hex:?

# md5: 32 hex digits without OpenSSL; with OpenSSL a verdict (the can't-check forms carry a comma).
md5Value -> "valid" | "invalid" | %invalid | hexDigits | %md5Phrase hexDigits

hexDigits -> %hexText
