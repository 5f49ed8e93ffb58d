export * from "./organisations";
export * from "./platform";
export * from "./visions";
export * from "./reactions";
export * from "./answers";
export * from "./adoptions";
export * from "./implementation";
