// Validates rendered Kubernetes manifests (a JSON array of objects, argv[2]) against the schemas that the
// kubernetes-models packages generate from the Kubernetes OpenAPI document and from the CloudNativePG and
// Prometheus Operator CRDs. Besides types, enums, formats and required fields it rejects unknown fields
// (a misspelt key would otherwise be dropped silently by the API server): every object key that the
// schema's validator never looked at is reported, except in maps and free-form objects, whose keys the
// validator enumerates or ignores altogether.
// Prints one line per document and exits 1 when any document is invalid or has no schema.
import { readFileSync } from "node:fs";

const lib = new URL("./node_modules/", import.meta.url);
const core = (name) => new URL(`kubernetes-models/_schemas/IoK8sApi${name}.js`, lib);
const SCHEMAS = {
  "v1/Namespace": core("CoreV1Namespace"),
  "v1/ServiceAccount": core("CoreV1ServiceAccount"),
  "v1/ConfigMap": core("CoreV1ConfigMap"),
  "v1/Secret": core("CoreV1Secret"),
  "v1/Service": core("CoreV1Service"),
  "apps/v1/Deployment": core("AppsV1Deployment"),
  "autoscaling/v2/HorizontalPodAutoscaler": core("AutoscalingV2HorizontalPodAutoscaler"),
  "policy/v1/PodDisruptionBudget": core("PolicyV1PodDisruptionBudget"),
  "networking.k8s.io/v1/NetworkPolicy": core("NetworkingV1NetworkPolicy"),
  "postgresql.cnpg.io/v1/Cluster": new URL(
    "@kubernetes-models/cloudnative-pg/_schemas/ComGithubCloudnativePgCloudnativePgApiV1Cluster.js", lib),
  "monitoring.coreos.com/v1/ServiceMonitor": new URL(
    "@kubernetes-models/prometheus-operator/_schemas/ComGithubPrometheusOperatorPrometheusOperatorPkgApisMonitoringV1ServiceMonitor.js",
    lib),
};

/** A read-only copy of value whose objects record which keys were read and whether they were enumerated. */
function tracked(value, path, records) {
  if (Array.isArray(value)) {
    return value.map((v, i) => tracked(v, `${path}/${i}`, records));
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const record = { path, keys: Object.keys(value), read: new Set(), enumerated: false };
  records.push(record);
  const target = {};
  for (const key of record.keys) {
    target[key] = tracked(value[key], `${path}/${key}`, records);
  }
  return new Proxy(target, {
    get(t, p, receiver) {
      if (typeof p === "string") record.read.add(p);
      return Reflect.get(t, p, receiver);
    },
    has(t, p) {
      if (typeof p === "string") record.read.add(p);
      return Reflect.has(t, p);
    },
    ownKeys(t) {
      record.enumerated = true;
      return Reflect.ownKeys(t);
    },
  });
}

const docs = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failures = 0;
for (const doc of docs) {
  const id = `${doc?.apiVersion}/${doc?.kind} ${doc?.metadata?.name ?? "(no name)"}`;
  const schema = SCHEMAS[`${doc?.apiVersion}/${doc?.kind}`];
  if (!schema) {
    console.log(`INVALID ${id}: no schema for this apiVersion and kind`);
    failures++;
    continue;
  }
  const { validate } = await import(schema);
  const records = [];
  const ok = validate(tracked(doc, "", records));
  const problems = ok
    ? records
        .filter((r) => !r.enumerated && r.read.size > 0)
        .flatMap((r) => r.keys.filter((k) => !r.read.has(k)).map((k) => `${r.path}/${k}: unknown field`))
    : validate.errors.map((e) => `${e.instancePath || "/"}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  if (problems.length === 0) {
    console.log(`VALID ${id}`);
  } else {
    failures++;
    for (const p of problems) console.log(`INVALID ${id}: ${p}`);
  }
}
console.log(`${docs.length - failures} valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
