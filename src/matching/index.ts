/** Matching stage: pair a client-facing capture with a backend capture and judge the middle box. */
export { matchCaptures } from "./match.js";
export { splitLegs, type Legs } from "./split-legs.js";
export type * from "./types.js";
