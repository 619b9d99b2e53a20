#!/usr/bin/env bash
# npm run deploy:app — builds the Zalo package (www/) and uploads it as a Testing version with Zalo's own
# CLI. Pass more zmp-cli options after `--`, e.g. `npm run deploy:app -- --desc "Bài 13"`.
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
# zmp-cli reads the token from the environment or from ./.env, where `zmp login` writes it.
if [ -z "${ZMP_TOKEN:-}" ] && ! grep -qs '^ZMP_TOKEN=.' .env; then
  echo "deploy:app: not logged in to Zalo Mini App. Run: npx --yes $ZMP_CLI login   (or set APP_ID and ZMP_TOKEN)" >&2
  exit 1
fi

npm run build:zalo --silent

description="${ZMP_DEPLOY_DESC:-Kỹ Năng Số $(git rev-parse --short HEAD 2>/dev/null || date -u +%Y-%m-%d)}"
exec npx --yes "$ZMP_CLI" deploy --existing --outputDir www --testing --desc "$description" "$@"
