/**
 * The walkthrough's text (`hs-report walk`): one pure function per step from the captures and
 * the matching result to strings, plus the questions and the checks of the answers. The walk
 * command asks the questions and prints; nothing here reads or writes.
 */
export { Walk, STEPS, type Pair, type WalkSettings } from "./walk.js";
export { whereStep } from "./where-step.js";
export { handshakesStep } from "./handshakes-step.js";
export { requestQuestion, requestFeedback, followedConnection } from "./request-question.js";
export { pairingStep, backendQuestion, reasonQuestion, pairingFeedback } from "./pairing-step.js";
export { isnStep, boxQuestion, boxFeedback } from "./isn-step.js";
export { verdictStep } from "./verdict-step.js";
export { captureOrigin, type CaptureOrigin } from "./origin.js";
export { wrap } from "./wrap.js";
export type * from "./types.js";
