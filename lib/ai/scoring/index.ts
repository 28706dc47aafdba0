export * from "./preset";
export * from "./score";
export * from "./presets";
