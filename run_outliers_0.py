import numpy as np
rng=np.random.default_rng(0)
X_train=rng.normal(size=(500,3)); X_train[:5,0]=15; X_test=rng.normal(size=(100,3)); X_test[0]=[8,8,8]
import numpy as np
from sklearn.ensemble import IsolationForest

def iqr_fences(x, k=1.5):
    q1, q3 = np.percentile(x, [25, 75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)

lo, hi = iqr_fences(X_train[:, 0])                # fences from training data only
X_train[:, 0] = np.clip(X_train[:, 0], lo, hi)    # cap rather than drop
X_test[:, 0] = np.clip(X_test[:, 0], lo, hi)      # same fences at test and serving time

iso = IsolationForest(contamination=0.01, random_state=0).fit(X_train)
suspects = iso.predict(X_test) == -1              # -1 marks likely outliers
print(suspects.sum())
