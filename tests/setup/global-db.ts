import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres, pgliteExtensions } from "~/lib/db.server";

export const TEMPLATE_DATABASE = "herleidbaar_test_template";

/**
 * Migrates once per run. PGlite: dumps the migrated data folder, which every test file loads (an
 * initdb per file would cost seconds and ~0.8 GB). PostgreSQL: a template database that every test
 * file copies.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = openPostgres(withDatabase(url, TEMPLATE_DATABASE), 1);
    await template.migrate();
    await template.close();
    project.provide("databaseMode", "postgres");
    project.provide("pgliteDump", "");
    return;
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const database = openPglite(client);
  await database.migrate();
  const dump = await client.dumpDataDir("none");
  const dir = path.resolve(".cache");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `test-db-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  project.provide("databaseMode", "pglite");
  project.provide("pgliteDump", file);
}

export function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseMode: "pglite" | "postgres";
    pgliteDump: string;
  }
}
