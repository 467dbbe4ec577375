import numpy as np, pandas as pd
rng=np.random.default_rng(0)
n=400
X=pd.DataFrame({'income':rng.lognormal(10,1,n),'balance':rng.lognormal(8,1,n),'country':rng.choice(list('ABCDEFG'),n),'device':rng.choice(['ios','android','web'],n)})
X.loc[::7,'income']=np.nan
y=(rng.random(n)<0.3).astype(int)
import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

skewed = make_pipeline(FunctionTransformer(np.log1p),  # non-negative, long-tailed columns
                       SimpleImputer(strategy="median", add_indicator=True), StandardScaler())
prep = ColumnTransformer([
    ("num", skewed, ["income", "balance"]),
    ("cat", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=20), ["country", "device"]),
])
model = make_pipeline(prep, LogisticRegression(max_iter=1000))  # one object for CV and serving
from sklearn.model_selection import cross_val_score
print(cross_val_score(model, X, y, cv=5).mean())
