// Redocly plugin for the rules that configurable assertions cannot express, because they
// compare an example with a schema found elsewhere in the document.
import errorExamplesMatchCodes from "./rules/error-examples-match-codes.js";
import codeSamples from "./decorators/code-samples.js";

export default function leatPlugin() {
  return {
    id: "leat",
    rules: {
      oas3: {
        "error-examples-match-codes": errorExamplesMatchCodes,
      },
    },
    decorators: {
      oas3: {
        "code-samples": codeSamples,
      },
    },
  };
}
