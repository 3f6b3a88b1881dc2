import { keywordEngine } from "./test/helpers/qa-fixture.js";
import { createConversationEngine } from "./src/conversation/conversation.js";
const c = createConversationEngine(await keywordEngine());
for (const convo of process.argv.slice(2)) {
  let state = null;
  for (const q of convo.split("|")) {
    const t = await c.ask(state, q);
    state = t.state;
    console.log(
      "Q",
      q,
      "→",
      t.answer.resolvedQuestion,
      "|",
      t.answer.intent,
      "\n   ",
      t.answer.answer.slice(0, 120).replace(/\n/g, " ⏎ "),
    );
  }
}
process.exit(0);
