#!/usr/bin/env sh
# Creates the Secrets the manifests reference, once per namespace. Nothing
# secret is ever committed: the keys are generated here and the two values
# only you know come from the environment.
#
#   MONGODB_URI='mongodb://pipeline:…@mongo-0.…:27017,mongo-1.…:27017,mongo-2.…:27017/?replicaSet=rs0&authSource=admin' \
#   AUTH_BOOTSTRAP_ADMIN_PASSWORD='…12 characters or more…' \
#   sh deploy/k8s/create-secrets.sh qingdao-pipeline
#
# `kubectl create` refuses a Secret that exists, on purpose: a new
# CALLER_DATA_KEY makes every stored caller unreadable, and a new
# AUTH_JWT_SECRET signs everyone out. Rotation is a procedure, not a re-run.
set -eu

NAMESPACE="${1:?usage: create-secrets.sh NAMESPACE (qingdao-pipeline or qingdao-pipeline-staging)}"
: "${MONGODB_URI:?set MONGODB_URI: the replica set's connection string, with user, password and replicaSet}"
: "${AUTH_BOOTSTRAP_ADMIN_PASSWORD:?set AUTH_BOOTSTRAP_ADMIN_PASSWORD: the first administrator's password, 12+ characters}"

key() { openssl rand -base64 32; }

# every service: signs and checks access tokens
kubectl -n "$NAMESPACE" create secret generic pipeline-auth \
  --from-literal=AUTH_JWT_SECRET="$(key)"

# complaint-intake: callers' names and phones, encrypted and keyed (ADR 0007)
kubectl -n "$NAMESPACE" create secret generic pipeline-caller-data \
  --from-literal=CALLER_DATA_KEY="$(key)" \
  --from-literal=CALLER_REF_KEY="$(key)"

# every service: its database on the replica set (MONGODB_DB names it)
kubectl -n "$NAMESPACE" create secret generic pipeline-mongodb \
  --from-literal=MONGODB_URI="$MONGODB_URI"

# gateway: the first administrator of an empty installation; delete the
# Secret once that account exists (the gateway treats it as optional)
kubectl -n "$NAMESPACE" create secret generic pipeline-bootstrap-admin \
  --from-literal=AUTH_BOOTSTRAP_ADMIN_PASSWORD="$AUTH_BOOTSTRAP_ADMIN_PASSWORD"

echo "Secrets created in $NAMESPACE. Keep a copy of pipeline-caller-data in the bureau's key store: without it, stored callers cannot be read back."
