// MathJax 2 (from the jupyter-server-mathjax wheel, served with the site): TeX in, HTML-CSS with the STIX web fonts out.
// pymdownx.arithmatex writes the maths as <script type="math/tex"> tags, which MathJax typesets without a preprocessor.
window.MathJax = {
  config: ["TeX-AMS-MML_HTMLorMML-full.js"],
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null},
  showMathMenu: false,
  messageStyle: "none",
};
