/** The realtime contract at run time: what each command and server event is, for documents and checks. */
export * from './catalogue/index.js';
