// Validates CI configuration files against a vendored JSON Schema with Ajv.
// Usage: node check-ci.mjs SCHEMA FILE...   Prints one line per problem; exits 1 if there is any.
// These schemas are other projects' (see README.md here), written for editors rather than for
// Ajv's strict mode: strict is off, so their annotation keywords (markdownDescription) and loose
// spots do not stop the check; every constraint they state is still applied.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const [schemaFile, ...files] = process.argv.slice(2);
if (!schemaFile || files.length === 0) {
  console.error("usage: node check-ci.mjs SCHEMA FILE...");
  process.exit(2);
}
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
} catch (e) {
  console.log(`${schemaFile}: does not compile in Ajv: ${e.message}`);
  process.exit(1);
}
let problems = 0;
for (const file of files) {
  let doc;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`${file}: not YAML: ${e.message.split("\n")[0]}`);
    problems++;
    continue;
  }
  if (!validate(doc)) {
    for (const err of validate.errors) {
      console.log(`${file}: ${err.instancePath || "/"} ${err.message} ${JSON.stringify(err.params)}`);
      problems++;
    }
  }
}
console.log(`checked ${files.length} files against ${schemaFile}: ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
