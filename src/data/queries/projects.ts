import { byId } from '../query.js';

/** A project; the card, the certificate and the counter's breakdown share it. */
export const projectQuery = byId('project', '/projects/{id}');
