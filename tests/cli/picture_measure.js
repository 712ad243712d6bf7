// Run by Chromium on the picture test page (tests/cli/test_picture_browser.sh):
// measures every text of every picture with getBBox(), as the browser really
// drew it, and writes into #result, per picture: the texts whose drawn box
// leaves the box the generator emitted (data-box), and the pairs of drawn
// boxes that overlap.
(function () {
	var out = [];
	var pictures = document.querySelectorAll("svg.vmlayout-picture");
	for (var p = 0; p < pictures.length; p++) {
		var texts = pictures[p].querySelectorAll("text");
		var boxes = [], outside = [], overlaps = [];
		for (var i = 0; i < texts.length; i++) {
			var b = texts[i].getBBox();
			var e = texts[i].getAttribute("data-box").split(" ").map(Number);
			boxes.push(b);
			// drawn inside emitted, to half a pixel
			if (b.x < e[0] - 0.5 || b.y < e[1] - 0.5 || b.x + b.width > e[0] + e[2] + 0.5 ||
			    b.y + b.height > e[1] + e[3] + 0.5)
				outside.push(texts[i].textContent + " drawn " + [b.x, b.y, b.width, b.height].join(" ") +
					     " emitted " + e.join(" "));
		}
		for (var i = 0; i < boxes.length; i++)
			for (var j = i + 1; j < boxes.length; j++) {
				var a = boxes[i], c = boxes[j];
				if (a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height)
					overlaps.push(texts[i].textContent + " | " + texts[j].textContent);
			}
		out.push({picture: pictures[p].getAttribute("data-case"), texts: texts.length,
			  font: getComputedStyle(texts[0]).fontFamily, outside: outside, overlaps: overlaps});
	}
	var pre = document.createElement("pre");
	pre.id = "result";
	pre.textContent = "RESULT " + JSON.stringify(out) + " END";
	document.body.appendChild(pre);
})();
