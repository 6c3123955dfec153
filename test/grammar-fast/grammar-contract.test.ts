import { expect } from "chai";
import compiled from "../../src/generated/grammar.js";
import { tokenize } from "../../src/grammar/index.js";

/**
 * What the token-shape key (token-shape.ts) assumes of the grammar: it keeps the type of every
 * token and the text of `word` tokens only, so the grammar's literal symbols (`"IP6"`, `","`)
 * must each be a word, or punctuation whose type has that one text. A literal that lexed as a
 * number or a phrase would be compared with a text the key drops.
 */
const PUNCTUATION_TYPES = new Set(["gt", "rbrack", "rparen", "comma", "colon", "colonGap", "lbrack", "lparen"]);

describe("grammar-fast: the grammar branches only on what the token-shape key keeps", () => {
  it("every literal in the grammar lexes as one word or one punctuation token", () => {
    const literals = new Set<string>();
    for (const rule of compiled.ParserRules) {
      for (const symbol of rule.symbols) {
        if (typeof symbol === "object" && symbol !== null && "literal" in symbol) literals.add(String(symbol.literal));
      }
    }
    const misfits = [...literals].filter((literal) => {
      const tokens = tokenize(literal).tokens;
      return tokens.length !== 1 || !(tokens[0].type === "word" || PUNCTUATION_TYPES.has(tokens[0].type));
    });
    expect(literals.size).to.be.greaterThan(10);
    expect(misfits).to.deep.equal([]);
  });
});
