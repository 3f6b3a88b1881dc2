/**
 * Which language a text is in, for interfaces that answer in the reader's language (the detector
 * lives with retrieval).
 */
export { detectLanguage } from "../retrieve/query-language.js";
