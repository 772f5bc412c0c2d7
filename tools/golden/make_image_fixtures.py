"""Write the small test images ``tests/golden/recordio/img_XX.{jpg,png}`` (run with OpenCV installed).

Real MXNet 1.9.1's pip wheel cannot encode images from Python (its ``recordio.pack_img`` needs the ``cv2``
module), so the encoded images are made once here and then packed, decoded and iterated by real MXNet in
``gen_recordio.py``. Usage: ``python3 tools/golden/make_image_fixtures.py``
"""
import os

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "golden", "recordio")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(7)
    for i in range(20):
        h, w = rng.randint(18, 34, 2)
        img = (rng.rand(h, w, 3) * 255).astype(np.uint8)
        img = cv2.GaussianBlur(img, (5, 5), 1.5)
        img[: h // 3, : w // 3] = (40 + 10 * i, 200 - 5 * i, 90)  # a flat block, so the crops differ visibly
        ext = ".jpg" if i % 2 == 0 else ".png"
        ok, buf = cv2.imencode(ext, img, [cv2.IMWRITE_JPEG_QUALITY, 90] if ext == ".jpg" else None)
        assert ok
        with open(os.path.join(OUT, "img_%02d%s" % (i, ext)), "wb") as f:
            f.write(buf.tobytes())


if __name__ == "__main__":
    main()
