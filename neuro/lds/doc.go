package lds
