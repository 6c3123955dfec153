import type { LexerState } from "nearley";
import { TOKEN_TYPES, type Token } from "./lexer.js";

/**
 * The grammar's `@lexer`, used only while the compiled grammar loads: nearley turns `%name`
 * into "token of type name" when `has(name)` is true and otherwise into the JavaScript value
 * `name` (a matcher from matchers.ts). Answering only for real token types also makes a
 * misspelled `%name` fail at load time instead of silently matching nothing.
 */
export const grammarLexer = {
  has: (name: string): boolean => TOKEN_TYPES.has(name),
};

/**
 * Feeds an already tokenized record to a nearley Parser (parse.ts passes it as the `lexer`
 * option): the parser works on the token list, so the same tokens can be lexed once and parsed,
 * counted or replayed.
 */
export class TokenFeed {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  reset(): void {
    this.position = 0;
  }

  next(): Token | undefined {
    return this.tokens[this.position++];
  }

  save(): LexerState {
    return {};
  }

  formatError(token: Token): string {
    return `token ${token.index}`;
  }

  has(name: string): boolean {
    return TOKEN_TYPES.has(name);
  }
}
