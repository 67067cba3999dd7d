#include "textflag.h"

