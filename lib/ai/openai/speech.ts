import type OpenAI from "openai";
import { toFile } from "openai";
import { env } from "@/lib/env";
import { openAIClient } from "./client";

const EXTENSIONS: Record<string, string> = {
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "audio/aac": "m4a",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/webm": "webm",
  "video/mp4": "mp4",
};

/** The transcription endpoint picks the decoder from the file name's extension, so it must match the bytes. */
export function audioFileName(mime: string): string {
  const base = mime.split(";")[0].trim().toLowerCase();
  return `voice.${EXTENSIONS[base] ?? "ogg"}`;
}

export type TranscribeOptions = { model?: string; language?: string; client?: OpenAI; signal?: AbortSignal };

/** A voice note's text (Telegram voice is OGG/Opus, WhatsApp audio OGG or MP4). */
export async function transcribe(audio: Uint8Array, mime: string, options: TranscribeOptions = {}) {
  const client = options.client ?? openAIClient();
  const model = options.model ?? env().OPENAI_TRANSCRIBE_MODEL;
  const started = performance.now();
  const file = await toFile(audio, audioFileName(mime), { type: mime.split(";")[0].trim() });
  const result = await client.audio.transcriptions.create(
    { file, model, ...(options.language ? { language: options.language } : {}) },
    { signal: options.signal },
  );
  return { text: result.text.trim(), model, latencyMs: Math.round(performance.now() - started) };
}

export type SpeakOptions = {
  model?: string;
  voice?: string;
  /** opus for Telegram sendVoice (OGG/Opus); mp3 otherwise. */
  format?: "opus" | "mp3" | "aac" | "wav";
  client?: OpenAI;
  signal?: AbortSignal;
};

/** Text-to-speech: the reply as audio bytes, for a voice-note answer. */
export async function speak(text: string, options: SpeakOptions = {}) {
  const client = options.client ?? openAIClient();
  const model = options.model ?? env().OPENAI_TTS_MODEL;
  const format = options.format ?? "opus";
  const started = performance.now();
  const response = await client.audio.speech.create(
    { model, input: text, voice: options.voice ?? "alloy", response_format: format },
    { signal: options.signal },
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    bytes,
    contentType: response.headers.get("content-type") ?? (format === "opus" ? "audio/ogg" : `audio/${format}`),
    model,
    latencyMs: Math.round(performance.now() - started),
  };
}
