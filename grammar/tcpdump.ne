# tcpdump's text for one TCP packet record (FORMAT.md): one line, or a verbose IPv4 header and
# its TCP line joined by one space. Whitespace never reaches the parser (see lexer.ts).
#
# Every rule returns a flat list of leaves (token indices tagged with a role, see ast.ts);
# `take({position: role})` turns tokens into leaves and concatenates the children's leaves.
# The grammar must stay unambiguous: test/grammar checks that every corpus record has exactly
# one parse.

@preprocessor typescript

@{%
import { grammarLexer } from "../grammar/feed.js";
import { take, startLeaf, nothing } from "../grammar/ast.js";
import * as matchers from "../grammar/matchers.js";

// nearleyc declares every `%name` as `declare var name: any`; the matchers fill those in.
const lexer: any = grammarLexer;
var anyToken: any = matchers.anyToken;
var itemToken: any = matchers.itemToken;
var fixedOption: any = matchers.fixedOption;
var optionName: any = matchers.optionName;
%}

@lexer lexer

record -> prefix frame {% take() %}

@include "prefix.ne"
@include "link.ne"
@include "ip.ne"
@include "tcp.ne"
@include "options.ne"
