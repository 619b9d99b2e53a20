#!/usr/bin/env bash
# npm run deploy:app — builds the Zalo package (www/) and uploads it as a Testing version with Zalo's own
# CLI. Pass more zmp-cli options after `--`, e.g. `npm run deploy:app -- --desc "Bài 13"`; without --desc
# the description is $ZMP_DEPLOY_DESC, else "Kỹ Năng Số <commit>" ("-dirty" when the work tree has
# uncommitted changes, so a version built from unsaved edits is not mistaken for that commit).
#
# The zmp flags: --existing (deploy a project zmp did not create, from its output folder), --outputDir,
# --testing and --desc are zmp-cli 4.0.3's, as Zalo's devtools pages and templates use them; they map to
# zmp-cli-core's deploy() options isCustom, outputDir, target (TESTING) and description
# (node_modules/zmp-cli-core/dist/esm/deploy/deploy.d.ts, driven offline by test/zalo-build.test.ts).
# zmp-cli itself cannot be installed in this repository's registry (its fs@0.0.1-security dependency
# answers 404), so the real CLI is not run by any test; test/deploy-zalo.test.ts checks what this script
# passes to it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fetched by npx when deploying, not installed with the project: zmp-cli 4.0.3 brings several hundred
# packages of its own (webpack, vite 2, browser-sync…) that nothing else here needs. Pinned: a new CLI
# version is a change to review like any other.
ZMP_CLI="zmp-cli@4.0.3"

# `zmp deploy --existing` reads ./app-config.json first and only without it ./www/app-config.json (the
# one the build filled in): a copy at the root would upload empty file lists.
if [ -e app-config.json ]; then
  echo "deploy:app: remove ./app-config.json (the app's config is mini-app/app-config.json)" >&2
  exit 1
fi
# zmp-cli reads the Mini App id and the token from the environment or from ./.env, where `zmp login`
# writes them; without either it would stop after the build, or ask on a terminal a build machine lacks.
missing=()
for name in APP_ID ZMP_TOKEN; do
  if [ -z "${!name:-}" ] && ! grep -qs "^$name=." .env; then missing+=("$name"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deploy:app: ${missing[*]} not set. Run: npx --yes $ZMP_CLI login   (or set APP_ID and ZMP_TOKEN)" >&2
  exit 1
fi

has_desc=false
for arg in "$@"; do
  case "$arg" in --desc | --desc=*) has_desc=true ;; esac
done

npm run build:zalo --silent

if [ "$has_desc" = true ]; then
  exec npx --yes "$ZMP_CLI" deploy --existing --outputDir www --testing "$@"
fi
if [ -n "${ZMP_DEPLOY_DESC:-}" ]; then
  description="$ZMP_DEPLOY_DESC"
elif commit="$(git rev-parse --short HEAD 2>/dev/null)"; then
  if [ -n "$(git status --porcelain 2>/dev/null)" ]; then commit="$commit-dirty"; fi
  description="Kỹ Năng Số $commit"
else
  description="Kỹ Năng Số $(date -u +%Y-%m-%d)"
fi
exec npx --yes "$ZMP_CLI" deploy --existing --outputDir www --testing --desc "$description" "$@"
