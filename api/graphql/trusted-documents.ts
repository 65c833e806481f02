/**
 * Trusted (persisted) documents: the console's operations, one document per operation with the
 * fragments it uses, as `npm run codegen` writes them into schema/trusted-documents.json (keyed by
 * the SHA-256 of each text) and into the console's typed documents, whose text the console hashes.
 * A client may send `documentId: "sha256:<hex>"` or `extensions.persistedQuery.sha256Hash` instead
 * of `query` (POST only); the id is swapped for the document before Apollo sees the request. With GRAPHQL_TRUSTED_DOCUMENTS_FOR_SESSIONS, signed-in
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

/** schema/trusted-documents.json next to the sources (api/graphql) or the build (dist/api/graphql). */
export function defaultTrustedDocumentsFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../../schema/trusted-documents.json'),
    path.resolve(here, '../../../schema/trusted-documents.json'),
  ];
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0];
}

export function loadTrustedDocuments(file = defaultTrustedDocumentsFile()): TrustedDocuments {
  const byHash = new Map<string, string>();
  const manifest: unknown = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  for (const text of Object.values(manifest as Record<string, unknown>)) {
    // Keyed again here rather than trusting the file's keys: an id always is the hash of its text.
    if (typeof text === 'string') byHash.set(sha256Hex(text), text);
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
