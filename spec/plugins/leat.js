// Redocly plugin: lint rules that configurable assertions cannot express (they compare a node
// with others elsewhere in the document), and the decorators that run when bundling.
import clientMethodUnique from "./rules/client-method-unique.js";
import errorCodesExist from "./rules/error-codes-exist.js";
import errorExamplesMatchCodes from "./rules/error-examples-match-codes.js";
import tagGroupsRule from "./rules/tag-groups.js";
import codeSamples from "./decorators/code-samples.js";
import sharedParts from "./decorators/shared-parts.js";
import tagGroups from "./decorators/tag-groups.js";

export default function leatPlugin() {
  return {
    id: "leat",
    rules: {
      oas3: {
        "error-examples-match-codes": errorExamplesMatchCodes,
        "error-codes-exist": errorCodesExist,
        "client-method-unique": clientMethodUnique,
        "tag-groups": tagGroupsRule,
      },
    },
    decorators: {
      oas3: {
        "shared-parts": sharedParts,
        "tag-groups": tagGroups,
        "code-samples": codeSamples,
      },
    },
  };
}
