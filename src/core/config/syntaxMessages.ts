import { ParseErrorCode } from 'jsonc-parser';

/** Plain words for jsonc-parser's error codes, written for someone editing the file by hand. */
export function syntaxMessage(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidSymbol:
      return 'unexpected character';
    case ParseErrorCode.InvalidNumberFormat:
      return 'not a valid number';
    case ParseErrorCode.PropertyNameExpected:
      return 'expected a property name in double quotes';
    case ParseErrorCode.ValueExpected:
      return 'expected a value';
    case ParseErrorCode.ColonExpected:
      return 'expected a colon';
    case ParseErrorCode.CommaExpected:
      return 'expected a comma';
    case ParseErrorCode.CloseBraceExpected:
      return 'expected a closing brace }';
    case ParseErrorCode.CloseBracketExpected:
      return 'expected a closing bracket ]';
    case ParseErrorCode.EndOfFileExpected:
      return 'expected the end of the file';
    case ParseErrorCode.InvalidCommentToken:
      return 'not a valid comment';
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'comment is not closed';
    case ParseErrorCode.UnexpectedEndOfString:
      return 'string is not closed';
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'number is not finished';
    case ParseErrorCode.InvalidUnicode:
      return 'not a valid unicode escape';
    case ParseErrorCode.InvalidEscapeCharacter:
      return 'not a valid escape character';
    case ParseErrorCode.InvalidCharacter:
      return 'character not allowed in a string';
    default: {
      const unknown: never = code;
      return `syntax error ${String(unknown)}`;
    }
  }
}
