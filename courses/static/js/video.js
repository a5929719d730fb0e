// Swap a video placeholder for the real player only when the learner presses play,
// so no third-party script or frame loads before that.
document.addEventListener("click", function (event) {
  var link = event.target.closest(".video__placeholder");
  if (!link) return;
  var figure = link.closest("[data-video-embed]");
  var src = figure && figure.getAttribute("data-video-embed");
  if (!src) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = src;
  frame.title = figure.getAttribute("data-video-title") || "";
  frame.allow = "autoplay; encrypted-media; picture-in-picture";
  frame.allowFullscreen = true;
  frame.className = "video__frame";
  link.replaceWith(frame);
});
