#!/usr/bin/env bash
# npm run import: TypeScript bindings (lib/imports/) and the openAPIV3Schema of each vendored CRD
# the library renders, from crds/ (crds/README.md says which upstream version each file is).
# `cdk8s import` writes one file per API group and reads the first CRD of each file it is given,
# so the CloudNativePG CRDs of one group go to it as one multi-document file.
set -euo pipefail
cd "$(dirname "$0")/.."
cdk8s=node_modules/.bin/cdk8s
"$cdk8s" import crds/zalando-postgresql.crd.yaml --output lib/imports --language typescript --no-check-upgrade --no-save
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for kind in clusters databases databaseroles scheduledbackups; do
  cat "crds/cloudnative-pg/postgresql.cnpg.io_${kind}.yaml"
  echo '---'
done > "$scratch/postgresql.cnpg.io.yaml"
"$cdk8s" import "$scratch/postgresql.cnpg.io.yaml" --output lib/imports --language typescript --no-check-upgrade --no-save
"$cdk8s" import crds/cloudnative-pg/barmancloud.cnpg.io_objectstores.yaml --output lib/imports --language typescript --no-check-upgrade --no-save
node -r ./scripts/register-ts.js scripts/extract-crd-schema.ts
