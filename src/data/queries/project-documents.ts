import { unwrap } from '../client.js';
import { query, type Query } from '../query.js';
import type { ProjectDocument } from '../types.js';

/** How many documents a card lists: the first page, which the API allows to be 50 long. */
const DOCUMENTS_PAGE = 50;

/** A project's public documents; entries that are not objects are dropped. */
export const projectDocumentsQuery = (id: string): Query<ProjectDocument[]> =>
  query('project-documents', [id], async (client, signal) => {
    const page = await unwrap(client.GET('/projects/{id}/documents', { params: { path: { id }, query: { first: DOCUMENTS_PAGE } }, signal }));
    const nodes: unknown = page.nodes;
    return Array.isArray(nodes) ? nodes.filter((doc): doc is ProjectDocument => typeof doc === 'object' && doc !== null) : [];
  });
