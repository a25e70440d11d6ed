/** Counting a document's tokens the way graphql's parser does (`parse(source, { maxTokens })`). */
import { Lexer, Source, TokenKind } from 'graphql';

/** The number of tokens in `text`, comments excluded; counting stops at a syntax error (the parser reports it). */
export function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A syntax error: parse() reports it.
  }
  return count;
}
