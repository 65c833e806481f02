/**
 * Trusted (persisted) documents: the console's operation files, schema/operations/*.graphql, read
 * at start-up and keyed by the SHA-256 of each file's exact text, which is also what the console
 * hashes (it imports the files verbatim). A client may send `documentId: "sha256:<hex>"` or
 * `extensions.persistedQuery.sha256Hash` instead of `query` (POST only); the id is swapped for the
 * document before Apollo sees the request. With GRAPHQL_TRUSTED_DOCUMENTS_FOR_SESSIONS, signed-in
 * users may run only these documents (sent by id or in full); API-key clients may send anything.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';

export interface TrustedDocuments {
  /** The document with this hash (hex, optionally prefixed `sha256:`). */
  get(id: string): string | undefined;
  /** Whether this exact text is one of the documents. */
  includes(document: string): boolean;
  size: number;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** schema/operations next to the sources (api/graphql) or the build (dist/api/graphql). */
export function defaultOperationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../schema/operations'), path.resolve(here, '../../../schema/operations')];
  return candidates.find((dir) => fs.existsSync(dir)) ?? candidates[0];
}

export function loadTrustedDocuments(dir = defaultOperationsDir()): TrustedDocuments {
  const byHash = new Map<string, string>();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')) : [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    byHash.set(sha256Hex(text), text);
  }
  return {
    get: (id) => byHash.get(id.replace(/^sha256:/, '').toLowerCase()),
    includes: (document) => byHash.has(sha256Hex(document)),
    size: byHash.size,
  };
}

/** Replaces a document id in a POST body by the document; unknown ids get PERSISTED_QUERY_NOT_FOUND. */
export function resolveDocumentIds(documents: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (req.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body)) return next();
    const request = body as {
      query?: unknown;
      documentId?: unknown;
      extensions?: { persistedQuery?: { sha256Hash?: unknown } };
    };
    const id = request.documentId ?? request.extensions?.persistedQuery?.sha256Hash;
    // Ids are ours to resolve; Apollo's automatic persisted queries (which let any client register a
    // document) stay off, so the extension must not reach it.
    if (request.query !== undefined && request.extensions) delete request.extensions.persistedQuery;
    if (typeof id !== 'string' || request.query !== undefined) return next();
    const document = documents.get(id);
    if (!document) {
      res.status(400).json({
        errors: [
          {
            message: 'No trusted document has this id; send the full query instead.',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        ],
      });
      return;
    }
    request.query = document;
    delete request.documentId;
    if (request.extensions) delete request.extensions.persistedQuery;
    next();
  };
}
