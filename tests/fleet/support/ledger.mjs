// Every request the JS and REST users sent and every final answer they got; the same checks as the .NET driver's
// AnswerLedger (tests/MaoOcr.Fleet.Driver): one final answer per request, none twice, no error a user would see,
// the right text.
import { characterErrorRate } from '../../webclient/support/fixtures.mjs';

/** A character error rate above this is a wrong answer (the JS client tests use the same bound). */
const MAX_ERROR_RATE = 0.1;

export class Ledger {
  constructor() {
    this.requests = 0;
    this.answered = 0;
    this.busyRetries = 0;
    this.reconnects = 0;
    /** Requests whose connection dropped while they waited: the client sent them again after reconnecting. */
    this.answeredAcrossReconnect = 0;
    this.errors = [];
    this.wrongText = [];
    this.unanswered = [];
    /** wire id → final messages for it (the JS users count them as they arrive on the wire; the .NET driver as its SDK reports them) */
    this.finalMessages = new Map();
    this.answeredIds = new Set();
  }

  finalMessage(wireId) { this.finalMessages.set(wireId, (this.finalMessages.get(wireId) ?? 0) + 1); }

  answer(requestName, wireId, image, text) {
    if (wireId !== null) {
      if (this.answeredIds.has(wireId)) this.errors.push(`${requestName}: answer id ${wireId} was already the answer of another request`);
      this.answeredIds.add(wireId);
    }
    const rate = characterErrorRate(image.text, text);
    if (rate > MAX_ERROR_RATE) this.wrongText.push(`${requestName} (${image.name}): ${JSON.stringify(text)}, error rate ${rate.toFixed(2)}`);
    this.answered++;
  }

  summary(withEvents) {
    return {
      requests: this.requests,
      answered: this.answered,
      busyRetries: this.busyRetries,
      reconnects: this.reconnects,
      answeredAcrossReconnect: this.answeredAcrossReconnect,
      errors: this.errors,
      wrongText: this.wrongText,
      unanswered: this.unanswered,
      answeredTwice: [...this.finalMessages].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n} final messages)`),
      answersWithoutEvent: withEvents ? [...this.answeredIds].filter((id) => !this.finalMessages.has(id)) : [],
    };
  }
}
