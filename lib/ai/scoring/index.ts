export * from "./preset";
export * from "./score";
export * from "./labels";
export * from "./presets";
