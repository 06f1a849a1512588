// Compiles the Baton JSON Schema with Ajv, as editors and CI linters do, and validates
// descriptors against it. Usage: node check-schema.mjs SCHEMA [LABEL=FILE | FILE]...
// Strict mode and unicode regular expressions (Ajv's defaults, spelled out here so a later Ajv
// default cannot weaken the check): a pattern such as "\"" that only a non-unicode regex accepts
// fails to compile. Prints one line per problem; exits 1 if there is any.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const [schemaFile, ...inputs] = process.argv.slice(2);
if (!schemaFile) {
  console.error("usage: node check-schema.mjs SCHEMA [LABEL=FILE | FILE]...");
  process.exit(2);
}

// Every strict check on, with two consents: union types ("type": ["string", "number"]) are plain
// JSON Schema, and strictRequired would flag the usual oneOf: [{required: [run]}, ...] idiom,
// whose properties are declared one level up.
const ajv = new Ajv({
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  unicodeRegExp: true,
  allErrors: true,
});
addFormats(ajv);
// Editors' annotation keyword (VS Code shows it on hover); it constrains nothing.
ajv.addVocabulary(["markdownDescription"]);
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
} catch (e) {
  console.log(`${schemaFile}: does not compile in Ajv: ${e.message}`);
  process.exit(1);
}

let problems = 0;
for (const input of inputs) {
  const eq = input.indexOf("=");
  const [label, file] = eq > 0 ? [input.slice(0, eq), input.slice(eq + 1)] : [input, input];
  let descriptor;
  try {
    descriptor = parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`${label}: not YAML: ${e.message.split("\n")[0]}`);
    problems++;
    continue;
  }
  if (!validate(descriptor)) {
    for (const err of validate.errors) {
      console.log(`${label}: ${err.instancePath || "/"} ${err.message} ${JSON.stringify(err.params)}`);
      problems++;
    }
  }
}
console.log(`checked ${inputs.length} descriptors: ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
