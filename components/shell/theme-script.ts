// Not a client module: the root layout (a server component) reads these values, and a "use client" module
// would hand it references instead of strings.

export type Theme = "light" | "dark" | "system";
export const THEME_COOKIE = "relay-theme";

/**
 * Runs before first paint (inlined in <head>), so a dark-theme user never sees a white flash. Kept tiny
 * and dependency-free because it is shipped as a string.
 */
export const themeScript = `(function(){try{var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark|system)/);var t=m?m[1]:"system";var d=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);var c=document.documentElement.classList;c.toggle("dark",d);c.toggle("light",!d)}catch(e){}})()`;
