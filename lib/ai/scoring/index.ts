export * from "./preset";
export * from "./score";
