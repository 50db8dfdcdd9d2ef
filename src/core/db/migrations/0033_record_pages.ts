import type { Migration } from './index.ts';

/**
 * A client's notes and documents are read a page at a time, newest first (core/record/recordPart.ts):
 * an index in that order makes a page cost the same however many the client has.
 */
export const recordPages: Migration = {
  id: '0033_record_pages',
  statements: [
    `create index client_notes_page on client_notes(person_id, at desc, id desc)`,
    `create index client_documents_page on client_documents(person_id, at desc, id desc)`,
  ],
};
