// Redoc 2 themes, light and dark. Every text colour here was checked against the background
// it sits on for WCAG AA (4.5:1); the browser tests run axe-core over both to keep it so.
const font =
  'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
const mono = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

/** @param {"light" | "dark"} mode */
export function redocTheme(mode) {
  const dark = mode === "dark";
  const text = dark ? "#e6efed" : "#1b2a28";
  const secondary = dark ? "#b5c7c3" : "#4b5f5c";
  const brand = dark ? "#5cc4b4" : "#0b6e61";
  return {
    spacing: { unit: 5, sectionHorizontal: 24, sectionVertical: 32 },
    breakpoints: { small: "50rem", medium: "75rem", large: "105rem" },
    colors: {
      tonalOffset: 0.2,
      primary: { main: brand },
      success: { main: dark ? "#6fd08c" : "#1d7a3a" },
      warning: { main: dark ? "#f0b35a" : "#8a5300" },
      error: { main: dark ? "#ff8a80" : "#b3261e" },
      text: { primary: text, secondary },
      border: { dark: dark ? "#3a4b48" : "#c5d1ce", light: dark ? "#2a3836" : "#e3eae8" },
      responses: {
        success: { color: dark ? "#7fdc9a" : "#1d6b35", backgroundColor: dark ? "#12301d" : "#e6f4ea", tabTextColor: "#7fdc9a" },
        error: { color: dark ? "#ff9a90" : "#a3211a", backgroundColor: dark ? "#3a1715" : "#fbe9e7", tabTextColor: "#ff9a90" },
        redirect: { color: dark ? "#f0b35a" : "#7a4a00", backgroundColor: dark ? "#33260f" : "#fdf1dc", tabTextColor: "#f0b35a" },
        info: { color: dark ? "#8cc8ff" : "#0b5394", backgroundColor: dark ? "#12263a" : "#e7f0fb", tabTextColor: "#8cc8ff" },
      },
      // Sidebar method labels: white text, so every colour is dark enough for 4.5:1.
      http: {
        get: "#1d6b35",
        post: "#0b5394",
        put: "#7a3f6b",
        options: "#5b4a00",
        patch: "#8a4300",
        delete: "#a3211a",
        basic: "#4b5563",
        link: "#0b5f6e",
        head: "#6b3fa0",
      },
    },
    schema: {
      linesColor: dark ? "#4a5e5a" : "#9fb3ae",
      typeNameColor: secondary,
      typeTitleColor: secondary,
      requireLabelColor: dark ? "#ff8a80" : "#b3261e",
      nestedBackground: dark ? "#1c2725" : "#f4f7f6",
      arrow: { color: secondary },
    },
    typography: {
      fontSize: "15px",
      lineHeight: "1.55",
      fontFamily: font,
      headings: { fontFamily: font, fontWeight: "600" },
      code: { fontSize: "12px", fontFamily: mono, color: dark ? "#f3a6c4" : "#9b1c4a", backgroundColor: dark ? "#26302e" : "#eef3f2" },
      links: { color: brand, visited: brand, hover: dark ? "#86d6c9" : "#0a5a50" },
    },
    sidebar: {
      width: "250px",
      backgroundColor: dark ? "#111a19" : "#f3f6f5",
      textColor: dark ? "#d7e3e0" : "#1b2a28",
      activeTextColor: brand,
      groupItems: { activeBackgroundColor: dark ? "#1c2927" : "#e2ebe9", activeTextColor: brand, textTransform: "uppercase" },
      level1Items: { activeBackgroundColor: dark ? "#1c2927" : "#e2ebe9", activeTextColor: brand, textTransform: "none" },
      arrow: { color: secondary },
    },
    logo: { maxHeight: "88px", maxWidth: "220px", gutter: "12px 16px" },
    rightPanel: { backgroundColor: dark ? "#0b1514" : "#17302c", width: "52%", textColor: "#eef5f3" },
    codeBlock: { backgroundColor: dark ? "#050c0b" : "#0f201d" },
    fab: { backgroundColor: brand, color: dark ? "#0b1514" : "#ffffff" },
  };
}
