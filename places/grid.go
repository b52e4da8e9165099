package places

import "math"

// gridToWGS84 converts British National Grid eastings and northings (OSGB36,
// as in OS Code-Point Open) to WGS84 latitude and longitude in degrees, by the
// Ordnance Survey's "A guide to coordinate systems in Great Britain": the
// inverse Transverse Mercator projection on the Airy 1830 ellipsoid, then a
// Helmert transformation. The result is good to a few metres, plenty for
// "how far is the museum".
func gridToWGS84(e, n float64) (lat, lon float64) {
	lat, lon = osgb36ToWGS84(gridToOSGB36(e, n))
	return lat * 180 / math.Pi, lon * 180 / math.Pi
}

// gridToOSGB36 is the inverse Transverse Mercator projection of the National
// Grid, giving OSGB36 latitude and longitude in radians.
func gridToOSGB36(e, n float64) (phi, lam float64) {
	const (
		a, b   = 6377563.396, 6356256.909 // Airy 1830
		f0     = 0.9996012717
		e0, n0 = 400000.0, -100000.0
	)
	lat0, lon0 := 49*math.Pi/180, -2*math.Pi/180
	e2 := 1 - b*b/(a*a)
	nn := (a - b) / (a + b)
	meridional := func(phi float64) float64 {
		d, s := phi-lat0, phi+lat0
		return b * f0 * ((1+nn+5.0/4*nn*nn+5.0/4*nn*nn*nn)*d -
			(3*nn+3*nn*nn+21.0/8*nn*nn*nn)*math.Sin(d)*math.Cos(s) +
			(15.0/8*nn*nn+15.0/8*nn*nn*nn)*math.Sin(2*d)*math.Cos(2*s) -
			35.0/24*nn*nn*nn*math.Sin(3*d)*math.Cos(3*s))
	}
	phi = (n-n0)/(a*f0) + lat0
	for m, i := meridional(phi), 0; math.Abs(n-n0-m) >= 0.00001 && i < 20; i++ {
		phi += (n - n0 - m) / (a * f0)
		m = meridional(phi)
	}
	sin, cos, tan := math.Sin(phi), math.Cos(phi), math.Tan(phi)
	nu := a * f0 / math.Sqrt(1-e2*sin*sin)
	rho := a * f0 * (1 - e2) / math.Pow(1-e2*sin*sin, 1.5)
	eta2 := nu/rho - 1
	t2, t4, t6 := tan*tan, math.Pow(tan, 4), math.Pow(tan, 6)
	sec := 1 / cos
	vii := tan / (2 * rho * nu)
	viii := tan / (24 * rho * math.Pow(nu, 3)) * (5 + 3*t2 + eta2 - 9*t2*eta2)
	ix := tan / (720 * rho * math.Pow(nu, 5)) * (61 + 90*t2 + 45*t4)
	x := sec / nu
	xi := sec / (6 * math.Pow(nu, 3)) * (nu/rho + 2*t2)
	xii := sec / (120 * math.Pow(nu, 5)) * (5 + 28*t2 + 24*t4)
	xiia := sec / (5040 * math.Pow(nu, 7)) * (61 + 662*t2 + 1320*t4 + 720*t6)
	de := e - e0
	return phi - vii*de*de + viii*math.Pow(de, 4) - ix*math.Pow(de, 6),
		lon0 + x*de - xi*math.Pow(de, 3) + xii*math.Pow(de, 5) - xiia*math.Pow(de, 7)
}

// osgb36ToWGS84 moves a point (radians) from the OSGB36 datum to WGS84 by the
// OS's published Helmert parameters (WGS84 to OSGB36, applied in reverse).
func osgb36ToWGS84(phi, lam float64) (lat, lon float64) {
	const (
		a1, b1 = 6377563.396, 6356256.909 // Airy 1830
		a2, b2 = 6378137.0, 6356752.3142  // WGS84
	)
	// Cartesian on Airy.
	e21 := 1 - b1*b1/(a1*a1)
	nu := a1 / math.Sqrt(1-e21*math.Sin(phi)*math.Sin(phi))
	x1 := nu * math.Cos(phi) * math.Cos(lam)
	y1 := nu * math.Cos(phi) * math.Sin(lam)
	z1 := (1 - e21) * nu * math.Sin(phi)
	// Reverse of WGS84->OSGB36: tx -446.448, ty 125.157, tz -542.060 m,
	// s 20.4894 ppm, rx -0.1502, ry -0.2470, rz -0.8421 arc seconds.
	const sec = math.Pi / (180 * 3600)
	tx, ty, tz := 446.448, -125.157, 542.060
	s := -20.4894e-6
	rx, ry, rz := 0.1502*sec, 0.2470*sec, 0.8421*sec
	x2 := tx + (1+s)*x1 - rz*y1 + ry*z1
	y2 := ty + rz*x1 + (1+s)*y1 - rx*z1
	z2 := tz - ry*x1 + rx*y1 + (1+s)*z1
	// Back to latitude and longitude on WGS84.
	e22 := 1 - b2*b2/(a2*a2)
	p := math.Hypot(x2, y2)
	lat = math.Atan2(z2, p*(1-e22))
	for range 10 {
		nu2 := a2 / math.Sqrt(1-e22*math.Sin(lat)*math.Sin(lat))
		lat = math.Atan2(z2+e22*nu2*math.Sin(lat), p)
	}
	return lat, math.Atan2(y2, x2)
}
