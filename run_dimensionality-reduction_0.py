import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

X, y = load_digits(return_X_y=True)        # 1,797 images, 64 pixel features
pca = PCA().fit(X)                         # pixels share one unit, so no scaling here
cumulative = np.cumsum(pca.explained_variance_ratio_)
k = int(np.argmax(cumulative >= 0.95)) + 1
print(k, "of 64 components keep 95% of the variance")   # 29
print(PCA(n_components=0.95).fit(X).n_components_)      # PCA can pick k itself: 29
