#!/usr/bin/env python3
"""Phase I estimation error and the EWMA's false-alarm rate (numbers quoted in docs/detectors.md).

The same Brook-Evans Markov chain as dev.llmmon.detect.RunLength (101 states, one-sided upper chart, values
clipped at +-4), averaged over the error of a baseline of B windows: delta = (mu_hat - mu)/sigma ~ N(0, 1/B) and
sigma_hat/sigma from the moving range, whose square is close to chi-square/nu with nu = 0.6 (B - 2) degrees of
freedom (fitted by simulation: B = 10, 30, 60 give 4.7, 16.7, 34.8), by the Wilson-Hilferty cube and 8x8
Gauss-Hermite nodes. A chart's in-control scores are then N(-rho*delta, rho^2) with rho = sigma/sigma_hat.

Run: python3 docs/tools/phase1_arl.py   (needs numpy and scipy; about 5 s)
"""
import numpy as np
from scipy.stats import norm
from numpy.polynomial.hermite_e import hermegauss
def arl(lam,L,side='up',clip=4,N=101,shift=0.0,scale=1.0):
    s=np.sqrt(lam/(2-lam)); h=L*s
    lo=-h if side=='both' else -(h+12*s)
    edges=np.linspace(lo,h,N+1); c=(edges[:-1]+edges[1:])/2
    def F(t):
        v=norm.cdf((t-shift)/scale)
        if clip: v=np.where(t<-clip,0,np.where(t>=clip,1,v))
        return v
    up=(edges[None,1:]-(1-lam)*c[:,None])/lam
    dn=(edges[None,:-1]-(1-lam)*c[:,None])/lam
    Q=F(up)-F(dn)
    if side!='both': Q[:,0]+=F(dn[:,0])
    a=np.linalg.solve(np.eye(N)-Q,np.ones(N))
    return np.interp(0,c,a)
x,w=hermegauss(8); w=w/w.sum()
def rate(lam,L,B,side='up',clip=4,sigma_est=True):
    nu=0.6*(B-2)
    r=0
    for xd,wd in zip(x,w):
        delta=xd/np.sqrt(B)
        for xs,ws in (zip(x,w) if sigma_est else [(0,1)]):
            a=1-2/(9*nu); b=np.sqrt(2/(9*nu))
            s=(a+b*xs)**1.5  # s = sqrt(s2), s2=(a+bZ)^3
            rho=1/s
            r+=wd*ws/arl(lam,L,side,clip,shift=-rho*delta,scale=rho)
    return r
def solve(target,B,side='up',sigma_est=True):
    lo,hi=2,8
    for _ in range(17):
        mid=(lo+hi)/2
        if 1/rate(0.1,mid,B,side,sigma_est=sigma_est)<target: lo=mid
        else: hi=mid
    return (lo+hi)/2
print('L = 3.878 (planned ARL0 32000): ARL0 averaged over a 30-window baseline\'s error =', round(1/rate(0.1,3.878,30)))
for B in (30,60,120):
    L=solve(32000,B); Lm=solve(32000,B,sigma_est=False)
    print('B =',B,'L for ARL0 32000 with mu and sigma estimated',round(L,3),'(mu only:',round(Lm,3),')','ARL1 2sig',round(arl(0.1,L,shift=2),1),'3sig',round(arl(0.1,L,shift=3),1))
print('known parameters, L = 3.878: ARL1 2sig', round(arl(0.1,3.878,shift=2),1), '3sig', round(arl(0.1,3.878,shift=3),1))
