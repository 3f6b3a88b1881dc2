/**
 * Words that carry no topic: articles, pronouns, auxiliaries, prepositions, question words, and the
 * vocabulary of asking (`tell`, `according`, `newspaper`). Numbers written as words are here too:
 * alone (`two`) they say nothing the pages can be searched for; with a magnitude (`ten thousand`)
 * the number pass reads them first. The index build never makes them `weak` keys, so the list is
 * part of the cache key.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "them", "their", "there",
  "he", "him", "his", "she", "her", "hers", "we", "us", "our", "you", "your", "i", "me", "my", "mine",
  "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing",
  "has", "have", "had", "having", "can", "could", "will", "would", "shall", "should", "may", "might",
  "must", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "as",
  "than", "then", "so", "and", "or", "but", "nor", "not", "no", "if", "whether", "any", "some",
  "all", "each", "every", "both", "either", "neither", "such", "own", "same", "other", "also",
  "too", "very", "just", "only", "up", "out", "over", "under", "again", "further", "once",
  "what", "how", "much", "many", "who", "whom", "whose", "when", "where", "which", "why",
  "whats", "whos", "hows", "wheres", "whens", "ever", "please", "tell", "say", "says", "said",
  "know", "according", "mentioned", "mention", "happen", "happened", "get", "got", "give", "given",
  "newspaper", "paper", "article", "articles", "story", "news", "page", "pages", "report", "reported",
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "first", "second", "third", "last", "s", "t", "d", "ll", "re", "ve",
]);

/** Whether a word is a stop word. A CC-CEDICT phrase may neither start nor end with one (`how much` → 多少). */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);
