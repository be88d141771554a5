/* Shared by the interactive pages: build DOM nodes with text only (entry text never becomes HTML). */
window.raEl = function (tag, attrs, text) {
  "use strict";
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (text !== undefined) node.textContent = text;
  return node;
};
