import type { Capture } from "../../connections/types.js";

/** One capture as the walkthrough gets it: analysed, with the text it was read from. */
export interface WalkCapture {
  capture: Capture;
  /** The whole input text: quotes are cut from it so they read exactly as tcpdump printed them. */
  text: string;
}

/** Which side of the middle box a capture was taken on. */
export type Side = "front" | "back";

/** A choice in a question, as inquirer's `select` takes it. */
export interface Choice<V> {
  value: V;
  name: string;
  /** What stays on screen after the answer (a long name would wrap). */
  short?: string;
}

/** A multiple-choice question (the walk command asks it with inquirer's `select`). */
export interface Question<V> {
  message: string;
  choices: Choice<V>[];
}

/** What the walkthrough says after an answer: whether the data agrees, and why. */
export interface Feedback {
  correct: boolean;
  text: string;
}

/** The reasons a student can give for pairing a backend connection with a client connection. */
export type PairingReason = "isn" | "timing" | "sizes" | "addresses";

/** What kind of middle box a student thinks the ISNs point to. */
export type BoxGuess = "proxy" | "nat";
